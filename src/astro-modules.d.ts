// Lets plain TypeScript modules (checked by tsc, which does not read .astro files) import Astro components,
// e.g. the MDX component map in src/components/lesson/index.ts. Astro itself type-checks the components.
declare module '*.astro' {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}

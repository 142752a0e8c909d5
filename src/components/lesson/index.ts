/**
 * The components a lesson or case can use in MDX without importing them (passed to <Content components>).
 * Documented for trainers in docs/lesson-components.md; `npm run check` validates their ids.
 */
import Term from '../Term.astro';
import KeyPoint from './KeyPoint.astro';
import Clause from './Clause.astro';
import Steps from './Steps.astro';
import BeforeAfter from './BeforeAfter.astro';
import Figure from './Figure.astro';
import CaseLink from './CaseLink.astro';
import Template from './Template.astro';
import KnowledgeCheck from './KnowledgeCheck.astro';

export const contentComponents = { Term, KeyPoint, Clause, Steps, BeforeAfter, Figure, CaseLink, Template, KnowledgeCheck };

/**
 * A memo of pure computations by a key that holds every input, for the server's hot paths (each JS VM keeps its
 * own). Bounded: past `max` entries it starts again empty, so a stream of distinct keys costs a recomputation each
 * and never more memory than `max` values.
 */
export function boundedMemo<V>(max: number): (key: string, compute: () => V) => V {
  const values = new Map<string, V>();
  return (key, compute) => {
    const known = values.get(key);
    if (known !== undefined) return known;
    const value = compute();
    if (values.size >= max) values.clear();
    values.set(key, value);
    return value;
  };
}

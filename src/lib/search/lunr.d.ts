/** The parts of lunr 2.3 that the search uses (the package ships no types). */
declare module 'lunr' {
  namespace lunr {
    class Token {
      constructor(str: string, metadata?: object);
      toString(): string;
    }
    class Vector {
      constructor(elements?: number[]);
    }
    class TokenSet {
      static fromArray(arr: string[]): TokenSet;
      toArray(): string[];
    }
    class Pipeline {
      constructor();
    }
    interface MatchData {
      metadata: Record<string, Record<string, unknown>>;
    }
    interface Result {
      ref: string;
      score: number;
      matchData: MatchData;
    }
    interface QueryClause {
      term: string;
      fields?: string[];
      boost?: number;
      usePipeline?: boolean;
      wildcard?: number;
      editDistance?: number;
      presence?: number;
    }
    class Query {
      static wildcard: { NONE: number; LEADING: number; TRAILING: number };
      static presence: { OPTIONAL: number; REQUIRED: number; PROHIBITED: number };
      clause(clause: QueryClause): Query;
    }
    class Index {
      static load(serialized: SerializedIndex): Index;
      constructor(attrs: {
        invertedIndex: object;
        fieldVectors: Record<string, Vector>;
        tokenSet: TokenSet;
        fields: string[];
        pipeline: Pipeline;
      });
      query(fn: (q: Query) => void): Result[];
      toJSON(): SerializedIndex;
    }
    interface SerializedIndex {
      version: string;
      fields: string[];
      fieldVectors: [string, number[]][];
      invertedIndex: [string, Record<string, unknown>][];
      pipeline: string[];
    }
    class Builder {
      ref(name: string): void;
      field(name: string, attrs?: { boost?: number }): void;
      add(doc: object, attrs?: { boost?: number }): void;
      build(): Index;
      pipeline: { reset(): void };
      searchPipeline: { reset(): void };
    }
    function stemmer(token: Token): Token;
    const version: string;
  }
  function lunr(config: (this: lunr.Builder, builder: lunr.Builder) => void): lunr.Index;
  export default lunr;
}

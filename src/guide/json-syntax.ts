/**
 * Finds where a JSON text breaks, so a researcher importing a damaged file is
 * told the line and column. Needed because Node's and older Chrome's
 * `JSON.parse` errors do not always carry a position.
 */

export interface JsonSyntaxProblem {
  /** 1-based line and column of the first character that does not fit. */
  line: number;
  column: number;
  message: string;
}

class Stop extends Error {
  constructor(
    readonly position: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The first syntax error in a JSON text, or null when the text is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  let position = 0;
  const describe = (): string => (position >= text.length ? 'teksten slutter for tidlig' : `uventet tegn «${text.charAt(position)}»`);
  const fail = (expected: string): never => {
    throw new Stop(position, `${describe()}; ventet ${expected}`);
  };
  const skipWhitespace = (): void => {
    while (position < text.length && ' \t\n\r'.includes(text.charAt(position))) position += 1;
  };
  const expect = (character: string, expected: string): void => {
    if (text.charAt(position) !== character) fail(expected);
    position += 1;
  };
  const parseString = (): void => {
    expect('"', 'et anførselstegn (")');
    while (position < text.length && text.charAt(position) !== '"') {
      const character = text.charAt(position);
      if (character < ' ') fail('et avsluttende anførselstegn (") før linjeskiftet');
      if (character === '\\') {
        position += 1;
        if (text.charAt(position) === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(position + 1, position + 5))) fail('fire heksadesimale sifre etter \\u');
          position += 4;
        } else if (!'"\\/bfnrt'.includes(text.charAt(position)) || position >= text.length) fail('et gyldig tegn etter \\');
      }
      position += 1;
    }
    expect('"', 'et avsluttende anførselstegn (")');
  };
  const parseValue = (): void => {
    skipWhitespace();
    const character = text.charAt(position);
    if (character === '{') {
      position += 1;
      skipWhitespace();
      if (text.charAt(position) === '}') {
        position += 1;
        return;
      }
      for (;;) {
        skipWhitespace();
        parseString();
        skipWhitespace();
        expect(':', 'kolon (:) etter feltnavnet');
        parseValue();
        skipWhitespace();
        if (text.charAt(position) === ',') position += 1;
        else return expect('}', 'komma (,) eller }');
      }
    }
    if (character === '[') {
      position += 1;
      skipWhitespace();
      if (text.charAt(position) === ']') {
        position += 1;
        return;
      }
      for (;;) {
        parseValue();
        skipWhitespace();
        if (text.charAt(position) === ',') position += 1;
        else return expect(']', 'komma (,) eller ]');
      }
    }
    if (character === '"') return parseString();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(position));
    if (!literal) fail('en verdi (tekst, tall, liste eller objekt)');
    position += literal?.[0].length ?? 0;
  };

  try {
    parseValue();
    skipWhitespace();
    if (position < text.length) fail('ingenting mer etter slutten av dataene');
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.position).split('\n');
    return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1, message: error.reason };
  }
}

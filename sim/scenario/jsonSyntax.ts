/**
 * Where a JSON text first goes wrong: line, column and a short reason.
 *
 * Why not `JSON.parse`'s message: its wording and whether it gives a position change between Node
 * versions (Node 20 says `Unexpected token '}', "{"a": }" is not valid JSON`, with no position), and
 * scenario errors must be stable and point at a line. This is a plain RFC 8259 recogniser, only run
 * after `JSON.parse` has failed.
 */

export interface JsonSyntaxError {
  /** 1-based line and column (columns count UTF-16 code units, as editors mostly do). */
  readonly line: number
  readonly column: number
  readonly message: string
}

class Stop {
  constructor(readonly offset: number, readonly message: string) {}
}

const found = (c: string | undefined): string => (c === undefined ? 'end of input' : JSON.stringify(c))

export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const expect = (c: string, what: string) => {
    if (text[i] !== c) throw new Stop(i, `expected ${what}, found ${found(text[i])}`)
    i++
  }
  const str = () => {
    i++
    for (;;) {
      const c = text[i]
      if (c === undefined) throw new Stop(i, 'unterminated string')
      if (c === '"') return void i++
      if (c < ' ') throw new Stop(i, 'control character in a string (write it as an escape such as \\n)')
      if (c === '\\') {
        const e = text[i + 1]
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i, 'bad \\u escape (needs 4 hex digits)')
          i += 6
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2
        else throw new Stop(i, `bad escape \\${e ?? ''} in a string`)
      } else i++
    }
  }
  const value = (): void => {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      ws()
      if (text[i] === '}') return void i++
      for (;;) {
        ws()
        if (text[i] !== '"') throw new Stop(i, `expected a double-quoted property name, found ${found(text[i])}`)
        str()
        ws()
        expect(':', "':' after a property name")
        value()
        ws()
        if (text[i] === ',') {
          i++
          ws()
          if (text[i] === '}') throw new Stop(i, "trailing comma before '}'")
          continue
        }
        return expect('}', "',' or '}' after a property value")
      }
    }
    if (c === '[') {
      i++
      ws()
      if (text[i] === ']') return void i++
      for (;;) {
        value()
        ws()
        if (text[i] === ',') {
          i++
          ws()
          if (text[i] === ']') throw new Stop(i, "trailing comma before ']'")
          continue
        }
        return expect(']', "',' or ']' after an array element")
      }
    }
    if (c === '"') return str()
    const num = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y
    num.lastIndex = i
    if ((c === '-' || (c !== undefined && c >= '0' && c <= '9')) && num.test(text)) return void (i = num.lastIndex)
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length)
    throw new Stop(i, `expected a value, found ${found(c)}`)
  }
  try {
    value()
    ws()
    if (i < text.length) throw new Stop(i, `unexpected ${found(text[i])} after the JSON value`)
    return null
  } catch (e) {
    if (!(e instanceof Stop)) throw e
    const before = text.slice(0, e.offset)
    const line = before.split('\n').length
    return { line, column: e.offset - (before.lastIndexOf('\n') + 1) + 1, message: e.message }
  }
}

// The core runs in Node.js and in browsers; it uses only these globals that both provide.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}

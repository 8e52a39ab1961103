/**
 * The web-standard globals that every runtime of core/ provides (browsers, Web Workers, Node ≥ 18, Electron),
 * declared here because core/ is compiled without the DOM and Node libraries. Only what core/ uses.
 */
interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}

interface TextDecoder {
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}

declare const TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: TextDecoderOptions): TextDecoder;
};

interface TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array;
}

declare const TextEncoder: {
  prototype: TextEncoder;
  new (): TextEncoder;
};

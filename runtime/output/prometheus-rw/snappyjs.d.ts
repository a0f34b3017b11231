/** snappyjs ships no types: its two functions (raw snappy block format). */
declare module 'snappyjs' {
  export function compress<T extends Uint8Array | ArrayBuffer | Buffer>(input: T): T;
  export function uncompress<T extends Uint8Array | ArrayBuffer | Buffer>(input: T): T;
  const snappy: { compress: typeof compress; uncompress: typeof uncompress };
  export default snappy;
}

/**
 * The seeded random numbers of every simulation (docs/format.md#reproducibility). Changing anything in this file changes
 * every saved circuit's results, so it is a format version change; the golden tests in
 * random.test.ts pin the first draws.
 *
 * Generator: xoshiro128** 1.1 (Blackman & Vigna 2018): 128 bits of state, 32-bit output, period
 * 2^128 - 1, passes BigCrush; only 32-bit integer operations (`Math.imul`, shifts), so it is fast in
 * JavaScript and bit-identical on every platform.
 *
 * Seed derivation: a stream is named by a key string `${seed}/${id}/${path}` (simulation seed, the
 * node or edge id, the field path such as `params.v0`, `weight`, `signal[3]`). The key's UTF-16 code
 * units are hashed to four 32-bit words by `hashKey` (four differently-seeded multiply-xorshift
 * lanes, cross-mixed at the end); each word then goes through splitmix32 to give the xoshiro state.
 *
 * Doubles: `uniform()` takes 53 bits from two outputs ((a >>> 5) * 2^26 + (b >>> 6)) / 2^53, in
 * [0, 1). `normal()` is Box-Muller with two uniforms (cosine branch only, no caching), so every
 * normal consumes exactly four 32-bit outputs. `exponential(rate)` is -ln(1 - u) / rate.
 * Math.log/cos/sqrt: V8 (Node, Electron, Chrome) uses the same fdlibm ports on every platform.
 */

/** splitmix32 finaliser: a bijective 32-bit mix. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Hash a key string to four 32-bit words (the stream seed). */
export function hashKey(key: string): [number, number, number, number] {
  let h1 = 0x6a09e667 | 0;
  let h2 = 0xbb67ae85 | 0;
  let h3 = 0x3c6ef372 | 0;
  let h4 = 0xa54ff53a | 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x9e3779b1);
    h2 = Math.imul(h2 ^ c, 0x85ebca77);
    h3 = Math.imul(h3 ^ c, 0xc2b2ae3d);
    h4 = Math.imul(h4 ^ c, 0x27d4eb2f);
    h1 ^= h1 >>> 15;
    h2 ^= h2 >>> 13;
    h3 ^= h3 >>> 16;
    h4 ^= h4 >>> 11;
  }
  const n = key.length;
  h1 = mix32(h1 ^ n ^ h2);
  h2 = mix32(h2 ^ h3);
  h3 = mix32(h3 ^ h4);
  h4 = mix32(h4 ^ h1);
  return [h1, h2, h3, h4];
}

const TWO_POW_26 = 67108864;
const TWO_POW_M53 = 1 / 9007199254740992;

/** One xoshiro128** stream. */
export class RandomStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(words: readonly [number, number, number, number]) {
    this.s0 = mix32(words[0]) | 0;
    this.s1 = mix32(words[1]) | 0;
    this.s2 = mix32(words[2]) | 0;
    this.s3 = mix32(words[3]) | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The stream named by a key string (see the file comment). */
  static fromKey(key: string): RandomStream {
    return new RandomStream(hashKey(key));
  }

  /** An independent copy that continues exactly where this stream is (a run's own stream). */
  clone(): RandomStream {
    const copy = new RandomStream([0, 0, 0, 1]);
    copy.s0 = this.s0;
    copy.s1 = this.s1;
    copy.s2 = this.s2;
    copy.s3 = this.s3;
    return copy;
  }

  /** Next 32-bit output, as an unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result >>> 0;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * TWO_POW_26 + b) * TWO_POW_M53;
  }

  /** Uniform double in [low, high). */
  uniformIn(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  /** Standard normal by Box-Muller (exactly two uniforms per draw). */
  normal(): number {
    const u1 = 1 - this.uniform(); // (0, 1]
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Exponential interval with the given rate (1/s): -ln(1 - u) / rate. */
  exponential(rate: number): number {
    return -Math.log(1 - this.uniform()) / rate;
  }
}

/** The stream key of docs/format.md#reproducibility: simulation seed (or a generator's own seed), element id, field path. */
export function streamKey(seed: number, id: string, path: string): string {
  return `${seed}/${id}/${path}`;
}

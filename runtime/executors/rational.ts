/** Exact fractions on BigInt, for execution segments: striping must not drift with floats. */
export class Rational {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  /** Always reduced, with a positive denominator. */
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static of(num: bigint, den = 1n): Rational {
    if (den === 0n) throw new RangeError('zero denominator');
    if (den < 0n) [num, den] = [-num, -den];
    const g = gcd(num < 0n ? -num : num, den);
    return new Rational(num / g, den / g);
  }

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }

  compare(o: Rational): number {
    const diff = this.num * o.den - o.num * this.den;
    return diff < 0n ? -1 : diff > 0n ? 1 : 0;
  }

  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  toNumber(): number {
    return Number(this.num) / Number(this.den);
  }

  toString(): string {
    return this.den === 1n ? String(this.num) : `${this.num}/${this.den}`;
  }
}

export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

export function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

const FRACTION = /^(\d+)\/(\d+)$/;
const DECIMAL = /^(\d*)(?:\.(\d*))?(%?)$/;

/** "1/3", "0.25", ".5", "25%", "12.5%" → exact value; undefined when malformed. */
export function parseRational(text: string): Rational | undefined {
  const t = text.trim();
  const fraction = FRACTION.exec(t);
  if (fraction) {
    const den = BigInt(fraction[2]!);
    return den === 0n ? undefined : Rational.of(BigInt(fraction[1]!), den);
  }
  const decimal = DECIMAL.exec(t);
  if (!decimal) return undefined;
  const [, intDigits = '', fracDigits = '', percent] = decimal;
  if (intDigits === '' && fracDigits === '') return undefined;
  const num = BigInt(intDigits + fracDigits || '0');
  const den = 10n ** BigInt(fracDigits.length) * (percent ? 100n : 1n);
  return Rational.of(num, den);
}

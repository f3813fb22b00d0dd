/**
 * Seeded pseudo-random numbers. Every random choice in the engine draws from one of these,
 * never from Math.random, so a scenario and a seed always give the same run.
 */
export interface Random {
  /** A uniform number in [0, 1). */
  next(): number;
  /** An exponentially distributed number with the given rate (mean 1 / rate). */
  exponential(rate: number): number;
  /** A standard normal number (mean 0, standard deviation 1). */
  normal(): number;
}

/**
 * Creates a generator from an integer seed. The algorithm is sfc32 (a small, fast,
 * well-tested 32-bit generator), with its state spread from the seed by splitmix32 so
 * that nearby seeds give unrelated streams.
 */
export function createRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  // The generator's state lives in a typed array: its words often exceed the small-integer
  // range, and a plain variable holding one would be a new heap number at every draw.
  const state = new Uint32Array([splitmix(), splitmix(), splitmix(), splitmix()]);
  const next = (): number => {
    const a = state[0] as number;
    const b = state[1] as number;
    const c = state[2] as number;
    const d = state[3] as number;
    const t = (a + b + d) >>> 0;
    // Stores into a Uint32Array wrap modulo 2^32, as sfc32's additions need.
    state[3] = d + 1;
    state[0] = b ^ (b >>> 9);
    state[1] = c + (c << 3);
    state[2] = ((c << 21) | (c >>> 11)) + t;
    return t / 4294967296;
  };
  // The first outputs of sfc32 are weakly mixed; discard a few, as its author recommends.
  for (let i = 0; i < 12; i++) next();

  // Box–Muller makes normal numbers in pairs: the second is kept for the next call.
  const spare = new Float64Array(1);
  let hasSpare = false;

  return {
    next,
    exponential(rate: number): number {
      // 1 - u lies in (0, 1], so the logarithm is always finite.
      return -Math.log(1 - next()) / rate;
    },
    normal(): number {
      if (hasSpare) {
        hasSpare = false;
        return spare[0] as number;
      }
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      const angle = 2 * Math.PI * next();
      spare[0] = radius * Math.sin(angle);
      hasSpare = true;
      return radius * Math.cos(angle);
    },
  };
}

/**
 * A Poisson-distributed count with the given mean: the number of independent arrivals in
 * an interval. Exact (Knuth's method) for small means; for large means the normal
 * approximation, whose error is far below the run-to-run noise it stands for.
 */
export function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = random.next();
    while (p > limit) {
      k++;
      p *= random.next();
    }
    return k;
  }
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.normal()));
}

/**
 * A binomial count: how many of `n` independent trials with probability `p` succeed.
 * Exact (one draw per trial) for small n; for large n the normal approximation, rounded
 * and kept within 0…n.
 */
export function binomial(random: Random, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (n < 40) {
    let k = 0;
    for (let i = 0; i < n; i++) if (random.next() < p) k++;
    return k;
  }
  const mean = n * p;
  return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * random.normal())));
}

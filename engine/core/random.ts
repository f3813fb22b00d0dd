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
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();

  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  // The first outputs of sfc32 are weakly mixed; discard a few, as its author recommends.
  for (let i = 0; i < 12; i++) next();

  // Box–Muller makes normal numbers in pairs: the second is kept for the next call.
  let spare: number | undefined;

  return {
    next,
    exponential(rate: number): number {
      // 1 - u lies in (0, 1], so the logarithm is always finite.
      return -Math.log(1 - next()) / rate;
    },
    normal(): number {
      if (spare !== undefined) {
        const kept = spare;
        spare = undefined;
        return kept;
      }
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      const angle = 2 * Math.PI * next();
      spare = radius * Math.sin(angle);
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

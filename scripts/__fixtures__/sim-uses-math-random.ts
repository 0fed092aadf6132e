// The simulator drawing from Math.random: forbidden (runs must be reproducible from the seed).
export function noisy(): number {
  return Math.random();
}

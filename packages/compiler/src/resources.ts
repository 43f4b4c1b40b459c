/**
 * KFP writes literal CPU and memory settings twice: as the strings given and, for older
 * backends, as numbers (cores; memory in gigabytes of 10^9 bytes). The arithmetic is done in the
 * same order as KFP's so the doubles are identical.
 */
export function cpuToFloat(cpu: string): number {
  return cpu.endsWith('m') ? Number(cpu.slice(0, -1)) / 1000 : Number(cpu);
}

const G = 1e9;
const UNITS: ReadonlyArray<[suffix: string, bytes: number]> = [
  ['Ei', 2 ** 60],
  ['Pi', 2 ** 50],
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
  ['E', 1e18],
  ['P', 1e15],
  ['T', 1e12],
  ['M', 1e6],
  ['K', 1e3],
];

export function memoryToFloat(memory: string): number {
  if (memory.endsWith('G') && !memory.endsWith('iG')) return Number(memory.slice(0, -1));
  for (const [suffix, bytes] of UNITS) {
    if (memory.endsWith(suffix)) return (Number(memory.slice(0, -suffix.length)) * bytes) / G;
  }
  return Number(memory) / G;
}

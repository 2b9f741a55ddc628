// A run that renders environment after environment allocates far more than it keeps: what outlives an environment
// is its summary, so the live heap stays flat. V8 still raises its limit after each full GC by a factor chosen from
// GC and mutator speed, up to 4× the live size (deps/v8/src/heap/heap-controller.cc, MemoryController::GrowingFactor,
// kMaxGrowingFactor), so the garbage of earlier environments piles up and peak memory grows with the fleet. Its
// flag --heap-growing-percent fixes the factor instead; it is read at each limit computation, so setting it at run
// time takes effect.
import { setFlagsFromString } from 'node:v8';

/** Collect once the heap has grown a fifth past its live size (peak memory stays near one environment's). */
const GROWING_PERCENT = 20;

/** Keeps the heap near its live size for the rest of the process (a run rendering several environments). */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${GROWING_PERCENT}`);
}

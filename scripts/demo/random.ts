/**
 * Seeded pseudo-random numbers (mulberry32). Every random choice of the demo generator goes
 * through this, so the output is byte-identical from run to run. `fork(label)` gives an
 * independent stream per concern, so tuning one part does not reshuffle all the others.
 */
export class Random {
	private state: number;
	private readonly seed: number;

	constructor(seed: number) {
		this.seed = seed >>> 0;
		this.state = this.seed;
	}

	/** Uniform in [0, 1). */
	next(): number {
		let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	range(min: number, max: number): number {
		return min + (max - min) * this.next();
	}

	/** Integer in [min, max], both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** A shuffled copy (Fisher–Yates). */
	shuffle<T>(items: readonly T[]): T[] {
		const copy = [...items];
		for (let i = copy.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			[copy[i], copy[j]] = [copy[j], copy[i]];
		}
		return copy;
	}

	/** An independent stream derived from this one's seed and a label. */
	fork(label: string): Random {
		let hash = 0x811c9dc5 ^ this.seed;
		for (let i = 0; i < label.length; i++) {
			hash ^= label.charCodeAt(i);
			hash = Math.imul(hash, 0x01000193);
		}
		return new Random(hash >>> 0);
	}
}

import type { Dataset, Facility } from '../engine/types';

/** One state the planner can go back to: the proposed sites and the data they sit on. */
export interface WorkSnapshot {
	proposals: Facility[];
	dataset: Dataset;
}

/** Enough for a working day of edits; older steps fall off the bottom. */
const LIMIT = 200;

/**
 * Undo/redo over snapshots of the planner's work. Snapshots are recorded after edits settle (a
 * drag is one step, not hundreds), and restoring one does not record a new step.
 */
export class WorkHistory {
	private past = $state.raw<WorkSnapshot[]>([]);
	private future = $state.raw<WorkSnapshot[]>([]);
	private current: WorkSnapshot | undefined;

	canUndo = $derived(this.past.length > 0);
	canRedo = $derived(this.future.length > 0);

	/** Starts over from a state (after loading a dataset or opening a project). */
	reset(snapshot: WorkSnapshot) {
		this.past = [];
		this.future = [];
		this.current = snapshot;
	}

	/** Records the state after an edit, unless it equals the current one. */
	record(snapshot: WorkSnapshot) {
		if (this.current && same(this.current, snapshot)) return;
		if (this.current) this.past = [...this.past, this.current].slice(-LIMIT);
		this.future = [];
		this.current = snapshot;
	}

	undo(): WorkSnapshot | undefined {
		const previous = this.past.at(-1);
		if (!previous || !this.current) return undefined;
		this.past = this.past.slice(0, -1);
		this.future = [this.current, ...this.future];
		this.current = previous;
		return previous;
	}

	redo(): WorkSnapshot | undefined {
		const next = this.future[0];
		if (!next || !this.current) return undefined;
		this.future = this.future.slice(1);
		this.past = [...this.past, this.current];
		this.current = next;
		return next;
	}
}

const same = (a: WorkSnapshot, b: WorkSnapshot) => a.dataset === b.dataset && JSON.stringify(a.proposals) === JSON.stringify(b.proposals);

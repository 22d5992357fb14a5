import { datasetToFiles } from '../engine/import/applyLayer';
import type { ProjectData } from '../engine/project';
import type { Dataset } from '../engine/types';
import { WorkHistory, type WorkSnapshot } from './history.svelte';
import type { Planner } from './planner.svelte';
import { saveWork, type SavedWork } from './workStorage';

/** Autosave waits for edits to settle: a drag writes once, at its end. */
const AUTOSAVE_DELAY_MS = 300;
const HISTORY_DELAY_MS = 350;

/**
 * Keeps the planner's work: where the data came from, undo/redo, and autosave to IndexedDB.
 * `track()` is called from an effect so every change of proposals, settings or data is seen.
 */
export class WorkKeeper {
	readonly history = new WorkHistory();
	/** The embedded demo once loaded: data identical to it is saved by name, anything else as a copy. */
	demo = $state.raw<Dataset>();
	/** Set when the page opened on autosaved work. */
	restoredFrom = $state<string>();
	lastSaved = $state<string>();
	saveError = $state<string>();
	/** True from an edit until its autosave has been written: the status says "saving", not "saved". */
	unsaved = $state(false);
	private pendingSave: (() => void) | undefined;
	private saveSequence = 0;
	private autosaveTimer: ReturnType<typeof setTimeout> | undefined;
	private historyTimer: ReturnType<typeof setTimeout> | undefined;
	private restoring = false;
	/** The dataset the saved copy was made from, so an unchanged dataset is not serialised again. */
	private copied: { dataset: Dataset; data: ProjectData } | undefined;

	constructor(private readonly planner: Planner) {}

	/** The data as a project refers to it: the demo's name, or a copy of imported data. */
	projectData(): ProjectData {
		const dataset = this.planner.dataset;
		if (!dataset || dataset === this.demo) return { ref: 'xichang-demo' };
		if (this.copied?.dataset !== dataset) this.copied = { dataset, data: { copy: datasetToFiles(dataset) } };
		return this.copied.data;
	}

	snapshot(): WorkSnapshot {
		return { proposals: $state.snapshot(this.planner.proposals) as WorkSnapshot['proposals'], dataset: this.planner.dataset! };
	}

	/** Called by an effect: reads everything saved, then schedules the history step and the autosave. */
	track() {
		const snapshot = this.snapshot();
		const settings = this.planner.settings();
		if (!snapshot.dataset) return;
		clearTimeout(this.historyTimer);
		if (!this.restoring) this.historyTimer = setTimeout(() => this.history.record(snapshot), HISTORY_DELAY_MS);
		this.restoring = false;
		clearTimeout(this.autosaveTimer);
		this.unsaved = true;
		this.pendingSave = () => {
			const work: SavedWork = { version: 1, savedAt: new Date().toISOString(), settings, data: this.projectData(), proposals: snapshot.proposals };
			const sequence = ++this.saveSequence;
			saveWork(work).then(
				() => {
					this.lastSaved = work.savedAt;
					this.saveError = undefined;
					// Only the newest write clears the flag: an older one finishing late says nothing about the latest edit.
					if (sequence === this.saveSequence && !this.pendingSave) this.unsaved = false;
				},
				(error) => (this.saveError = String(error))
			);
		};
		this.autosaveTimer = setTimeout(() => this.flush(), AUTOSAVE_DELAY_MS);
	}

	/** Writes a scheduled autosave now (the page is being hidden or closed: don't wait for edits to settle). */
	flush() {
		clearTimeout(this.autosaveTimer);
		const save = this.pendingSave;
		this.pendingSave = undefined;
		save?.();
	}

	/** Starts the history from what is on screen now (after loading, restoring or opening a project). */
	startHistory() {
		clearTimeout(this.historyTimer);
		this.history.reset(this.snapshot());
	}

	/** Replaces the data with an import (or the demo again), as one undoable step. */
	applyImport(dataset: Dataset) {
		this.planner.replaceDataset(dataset);
	}

	undo() {
		this.flushHistory();
		const snapshot = this.history.undo();
		if (snapshot) this.restore(snapshot);
	}

	redo() {
		const snapshot = this.history.redo();
		if (snapshot) this.restore(snapshot);
	}

	/** An edit made just before undo must be a step of its own, or undo would skip it. */
	private flushHistory() {
		if (this.historyTimer === undefined) return;
		clearTimeout(this.historyTimer);
		this.historyTimer = undefined;
		this.history.record(this.snapshot());
	}

	private restore(snapshot: WorkSnapshot) {
		this.restoring = true;
		if (snapshot.dataset !== this.planner.dataset) this.planner.replaceDataset(snapshot.dataset);
		this.planner.setProposals(structuredClone(snapshot.proposals));
	}
}

import type { ProjectData, ProjectSettings } from '../engine/project';
import type { Facility } from '../engine/types';

/** What autosave keeps: everything a reload or a crash must not cost the planner. */
export interface SavedWork {
	version: 1;
	savedAt: string;
	settings: ProjectSettings;
	data: ProjectData;
	proposals: Facility[];
}

const DATABASE = 'yilao-yixiao-planner';
const STORE = 'work';
const KEY = 'current';

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(DATABASE, 1);
		request.onupgradeneeded = () => request.result.createObjectStore(STORE);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
	return open().then(
		(database) =>
			new Promise<T>((resolve, reject) => {
				const transaction = database.transaction(STORE, mode);
				const request = action(transaction.objectStore(STORE));
				transaction.oncomplete = () => {
					database.close();
					resolve(request.result);
				};
				transaction.onerror = transaction.onabort = () => {
					database.close();
					reject(transaction.error ?? request.error);
				};
			})
	);
}

/** Writes the work in one IndexedDB transaction: either the whole new state is stored or the old one stays. */
export const saveWork = (work: SavedWork) => run('readwrite', (store) => store.put(work, KEY)).then(() => undefined);

export const loadWork = () => run<SavedWork | undefined>('readonly', (store) => store.get(KEY));

export const clearWork = () => run('readwrite', (store) => store.delete(KEY)).then(() => undefined);

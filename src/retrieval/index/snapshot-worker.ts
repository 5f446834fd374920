/**
 * Worker-thread entry (see buildSnapshotInBackground in src/corpus-reload.ts): builds the index of a corpus and saves
 * its snapshot, so the main thread then only loads it. Reports nothing: a bad corpus or a snapshot that could not be
 * written just leaves the main thread to build, and to report what is wrong.
 */
import { workerData } from 'node:worker_threads';
import { loadRetriever } from './snapshot.ts';

const { corpusDir, cacheDir } = workerData as { corpusDir: string; cacheDir: string };
await loadRetriever({ corpusDir, cacheDir }).catch(() => undefined);

// The node worker harness (written by the WorkerRuntime work).

//! timesketch (in progress).

//! ftm (in progress).

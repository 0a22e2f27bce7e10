//! Date suggestions (to come).

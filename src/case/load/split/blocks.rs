//! JSON structure 64 bytes at a time, as simdjson finds it: a bit per byte for quotes,
//! backslashes and the structural characters `{ } [ ] ,`, then which bytes are escaped
//! and which lie inside strings, by carries from one block to the next instead of a
//! branch per byte. The stream reader uses it to find the separators of `events`
//! (about ten times faster than its byte-by-byte scanner).

/// Bytes per block.
pub(super) const LEN: usize = 64;

/// One bit per byte of a block (bit `k` for byte `k`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Masks {
    pub(super) quote: u64,
    pub(super) backslash: u64,
    /// `{ } [ ] ,`
    pub(super) structural: u64,
}

/// The masks of `block`.
pub(super) fn masks(block: &[u8; LEN]) -> Masks {
    #[cfg(target_arch = "x86_64")]
    {
        sse2::masks(block)
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        swar::masks(block)
    }
}

/// SSE2 is part of x86-64 itself, so every x86-64 processor has it: no detection needed.
#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::*;

    pub(super) fn masks(block: &[u8; super::LEN]) -> super::Masks {
        let (mut quote, mut backslash, mut structural) = (0u64, 0u64, 0u64);
        // SAFETY: SSE2 is always available on x86-64 (it is in the target's baseline
        // features), and every load reads 16 bytes at offsets 0, 16, 32 and 48 of a
        // 64-byte array, unaligned loads being allowed by `_mm_loadu_si128`.
        unsafe {
            let set = |b: u8| _mm_set1_epi8(b as i8);
            let (q, bs, case, open, close, comma) = (
                set(b'"'),
                set(b'\\'),
                set(0x20),
                set(b'{'),
                set(b'}'),
                set(b','),
            );
            for k in 0..4 {
                let v = _mm_loadu_si128(block.as_ptr().add(k * 16).cast());
                // `[` and `]` differ from `{` and `}` only in bit 0x20.
                let folded = _mm_or_si128(v, case);
                let s = _mm_or_si128(
                    _mm_or_si128(_mm_cmpeq_epi8(folded, open), _mm_cmpeq_epi8(folded, close)),
                    _mm_cmpeq_epi8(v, comma),
                );
                let bits = |m: __m128i| u64::from(_mm_movemask_epi8(m) as u16) << (k * 16);
                quote |= bits(_mm_cmpeq_epi8(v, q));
                backslash |= bits(_mm_cmpeq_epi8(v, bs));
                structural |= bits(s);
            }
        }
        super::Masks {
            quote,
            backslash,
            structural,
        }
    }
}

/// Eight bytes at a time in plain integers, for processors without SSE2 (and to check
/// it against).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
mod swar {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

    /// The high bit of each byte of `w` that equals `b`.
    fn eq(w: u64, b: u8) -> u64 {
        let x = w ^ (u64::from(b) * ONES);
        !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
    }

    /// The high bits of the eight bytes as the low eight bits.
    fn gather(high: u64) -> u64 {
        ((high >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
    }

    pub(super) fn masks(block: &[u8; super::LEN]) -> super::Masks {
        let (mut quote, mut backslash, mut structural) = (0u64, 0u64, 0u64);
        for (k, word) in block.chunks_exact(8).enumerate() {
            let w = u64::from_le_bytes(word.try_into().expect("8 bytes"));
            let folded = w | (0x20 * ONES);
            quote |= gather(eq(w, b'"')) << (k * 8);
            backslash |= gather(eq(w, b'\\')) << (k * 8);
            let s = eq(folded, b'{') | eq(folded, b'}') | eq(w, b',');
            structural |= gather(s) << (k * 8);
        }
        super::Masks {
            quote,
            backslash,
            structural,
        }
    }
}

/// The bytes escaped by a backslash, given the block's backslashes; `carry` says the
/// first byte is escaped and becomes whether the next block's first byte is (simdjson's
/// "find_escaped_branchless": a run of backslashes escapes the byte after it when the
/// run is odd in length).
pub(super) fn escaped(backslash: u64, carry: &mut bool) -> u64 {
    const EVEN: u64 = 0x5555_5555_5555_5555;
    let first = u64::from(*carry);
    let backslash = backslash & !first;
    let follows = (backslash << 1) | first;
    let odd_starts = backslash & !EVEN & !follows;
    let (runs_from_even, overflow) = odd_starts.overflowing_add(backslash);
    *carry = overflow;
    (EVEN ^ (runs_from_even << 1)) & follows
}

/// The bytes inside strings, counting each string's opening quote and not its closing
/// one, given the block's unescaped quotes; `in_str` says the block starts inside a
/// string and becomes whether the next one does.
pub(super) fn in_strings(quotes: u64, in_str: &mut bool) -> u64 {
    let mut x = quotes;
    for shift in [1, 2, 4, 8, 16, 32] {
        x ^= x << shift;
    }
    if *in_str {
        x = !x;
    }
    *in_str = x >> 63 == 1;
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bit by bit, as the definitions say.
    fn reference(block: &[u8; LEN]) -> Masks {
        let bit =
            |f: &dyn Fn(u8) -> bool| (0..LEN).fold(0u64, |m, k| m | (u64::from(f(block[k])) << k));
        Masks {
            quote: bit(&|b| b == b'"'),
            backslash: bit(&|b| b == b'\\'),
            structural: bit(&|b| b"{}[],".contains(&b)),
        }
    }

    /// Escapes and strings walked byte by byte over `bytes`, as a JSON reader does.
    fn walk(bytes: &[u8]) -> (Vec<bool>, Vec<bool>) {
        let (mut esc, mut ins) = (Vec::new(), Vec::new());
        let (mut escaped, mut in_str) = (false, false);
        for &b in bytes {
            esc.push(escaped);
            let quote = b == b'"' && !escaped;
            if quote {
                in_str = !in_str;
            }
            // The opening quote counts as inside, the closing one as outside.
            ins.push(in_str);
            escaped = !escaped && b == b'\\';
        }
        (esc, ins)
    }

    fn check_blocks(bytes: &[u8]) {
        let (esc, ins) = walk(bytes);
        let (mut carry, mut in_str) = (false, false);
        for (n, block) in bytes.chunks_exact(LEN).enumerate() {
            let block: &[u8; LEN] = block.try_into().unwrap();
            let m = masks(block);
            assert_eq!(m, reference(block));
            assert_eq!(swar::masks(block), m);
            let e = escaped(m.backslash, &mut carry);
            let s = in_strings(m.quote & !e, &mut in_str);
            for k in 0..LEN {
                let at = n * LEN + k;
                assert_eq!(e >> k & 1 == 1, esc[at], "escaped at {at}");
                assert_eq!(s >> k & 1 == 1, ins[at], "in string at {at}");
            }
        }
    }

    #[test]
    fn every_byte_value_in_every_lane() {
        let all: Vec<u8> = (0..=255u8).cycle().take(256 + LEN).collect();
        for w in all.windows(LEN) {
            let block: &[u8; LEN] = w.try_into().unwrap();
            assert_eq!(masks(block), reference(block));
            assert_eq!(swar::masks(block), reference(block));
        }
    }

    #[test]
    fn backslash_runs_across_blocks() {
        // Runs of every length ending on and across block boundaries.
        for run in 0..140 {
            for start in [0, 1, 62, 63, 64, 65] {
                let mut b = vec![b'a'; 3 * LEN];
                b[0] = b'"';
                for k in 0..run {
                    if start + 1 + k < b.len() - 2 {
                        b[start + 1 + k] = b'\\';
                    }
                }
                let at = (start + 1 + run).min(b.len() - 2);
                b[at] = b'"';
                check_blocks(&b);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn blocks_agree_with_a_byte_walk(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![b'"', b'\\', b'a', b',', b'{', b']', 0xC3, 0x22 | 0x80]),
                0..400,
            )
        ) {
            check_blocks(&bytes);
        }
    }
}

//! A pure function's last answer, kept with the inputs it was found for: the hot path reads
//! the same growth factors and learning-curve prices hour after hour, and their inputs
//! change only when a parameter, a technology or what was learned does.

/// The last value of a function of `N` numbers and the inputs it came from. Exact: the
/// inputs are compared bit for bit (as `==`), never guessed, so a read returns what the
/// function would.
#[derive(Debug, Clone, Copy)]
pub struct Memo<const N: usize> {
    inputs: [f64; N],
    value: f64,
}

impl<const N: usize> Default for Memo<N> {
    fn default() -> Self {
        // NaN equals nothing, so the first read computes.
        Self {
            inputs: [f64::NAN; N],
            value: 0.0,
        }
    }
}

impl<const N: usize> Memo<N> {
    /// `f(inputs)`, computed only when `inputs` differ from the last read's.
    pub fn get(&mut self, inputs: [f64; N], f: impl FnOnce([f64; N]) -> f64) -> f64 {
        if inputs != self.inputs {
            self.value = f(inputs);
            self.inputs = inputs;
        }
        self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The function runs on the first read and again only when an input moves.
    #[test]
    fn a_memo_computes_again_only_when_an_input_moves() {
        let mut memo = Memo::<2>::default();
        let mut calls = 0;
        let mut read = |memo: &mut Memo<2>, inputs: [f64; 2]| {
            memo.get(inputs, |[a, b]| {
                calls += 1;
                a * b
            })
        };
        assert_eq!(read(&mut memo, [2.0, 3.0]), 6.0);
        assert_eq!(read(&mut memo, [2.0, 3.0]), 6.0);
        assert_eq!(read(&mut memo, [2.0, 4.0]), 8.0);
        assert_eq!(read(&mut memo, [5.0, 4.0]), 20.0);
        assert_eq!(read(&mut memo, [5.0, 4.0]), 20.0);
        assert_eq!(calls, 3);
    }
}

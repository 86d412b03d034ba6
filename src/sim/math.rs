//! The sim's transcendental functions, from one portable library.
//!
//! `f64::sin`, `powf`, `exp` and the like call the platform's math library (glibc natively,
//! a musl port in the browser, others on macOS and Windows), and those differ in the last
//! bit for a few percent of arguments. Over hours of compounding that is another game: a
//! share code opened in the browser would end in another state. Everything in `src/sim`
//! goes through these wrappers on the `libm` crate (pure Rust, the same bits on every
//! target), and clippy's `disallowed_methods` (`clippy.toml`) refuses the platform's
//! versions there. Square roots, `to_radians` and the four operations are exact in IEEE
//! 754 and need no wrapper.

/// Sine of `x` radians.
#[must_use]
pub fn sin(x: f64) -> f64 {
    libm::sin(x)
}

/// Cosine of `x` radians.
#[must_use]
pub fn cos(x: f64) -> f64 {
    libm::cos(x)
}

/// `x` to the power `y`.
#[must_use]
pub fn powf(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

/// e to the power `x`.
#[must_use]
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// Natural logarithm of `x`.
#[must_use]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// Base-2 logarithm of `x`.
#[must_use]
pub fn log2(x: f64) -> f64 {
    libm::log2(x)
}

/// Base-10 logarithm of `x`.
#[must_use]
pub fn log10(x: f64) -> f64 {
    libm::log10(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wrappers are the functions they name (to well within a unit in the last place
    /// of the platform's), so moving to them changed bits, not meaning.
    #[test]
    fn the_wrappers_agree_with_the_platform_to_rounding() {
        let close = |a: f64, b: f64| (a - b).abs() <= 4.0 * f64::EPSILON * a.abs().max(1.0);
        for i in 1..2000 {
            let x = f64::from(i) * 0.0137;
            #[allow(clippy::disallowed_methods)]
            let pairs = [
                (sin(x), x.sin()),
                (cos(x), x.cos()),
                (powf(x, 0.678), x.powf(0.678)),
                (exp(x / 10.0), (x / 10.0).exp()),
                (ln(x), x.ln()),
                (log2(x), x.log2()),
                (log10(x), x.log10()),
            ];
            for (ours, platform) in pairs {
                assert!(close(ours, platform), "{x}: {ours} vs {platform}");
            }
        }
    }
}

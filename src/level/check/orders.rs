//! The check of orders given on dates: a level's scripted orders, a solution's plan and
//! its exploits.

use super::{MAX_LIST, Reporter, nearest};
use crate::level::schema::ScriptedOrder;
use crate::sim::clock::Date;
use crate::sim::orders::{BuildKind, Order, Policy};
use crate::text::plain;

/// Checks orders given on dates (a level's `orders`, a solution's): each date inside the
/// level, each site known, each share from 0 to 1. Returns them as (tick, order), soonest
/// first; errors point at the order's date under `section`.
pub(super) fn check_orders(
    r: &mut Reporter,
    section: &[&str],
    orders: &[ScriptedOrder],
    st: Date,
    end: Option<Date>,
    site_names: &[&str],
) -> Vec<(u64, Order)> {
    check_orders_dated(r, section, orders, st, end, site_names, true)
}

/// [`check_orders`] for orders whose dates the text may not write (a lever's orders, dated
/// by the check on the lever's first day): with `dated` false, errors point under
/// `section` at what they name, not at the date.
pub(super) fn check_orders_dated(
    r: &mut Reporter,
    section: &[&str],
    orders: &[ScriptedOrder],
    st: Date,
    end: Option<Date>,
    site_names: &[&str],
    dated: bool,
) -> Vec<(u64, Order)> {
    let mut out = Vec::new();
    for o in orders {
        let needle = if dated {
            format!("\"{}\"", o.date)
        } else {
            String::new()
        };
        let Some(d) = Date::parse(&o.date) else {
            r.at(
                &[section, &[needle.as_str()]].concat(),
                format!(
                    "order date `{}` is not a date: expected \"YYYY-MM-DD\"",
                    o.date
                ),
            );
            continue;
        };
        if d < st || end.is_some_and(|e| d > e) {
            r.at(
                &[section, &[needle.as_str()]].concat(),
                format!("order date {d} is outside the level: expected a date from {st}"),
            );
            continue;
        }
        if let Order::Build(
            BuildKind::Ship { site }
            | BuildKind::Pad { site }
            | BuildKind::MethanePlant { site, .. },
        ) = &o.order
            && !site_names.contains(&site.as_str())
        {
            let hint = nearest(site, site_names.iter().copied())
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_else(|| format!("; expected one of {site_names:?}"));
            r.at(
                &[section, &[needle.as_str(), &format!("\"{site}\"")]].concat(),
                format!("unknown site `{site}`{hint}"),
            );
            continue;
        }
        if let Order::Policy(
            Policy::SpaceShare(x)
            | Policy::RobotsToFactories(x)
            | Policy::RobotsToMoon(x)
            | Policy::LunarReinvest(x)
            | Policy::ChipOrders(x),
        ) = &o.order
            && !(0.0..=1.0).contains(x)
        {
            r.at(
                &[section, &[needle.as_str()]].concat(),
                format!("share {}: expected a share from 0 to 1", plain(*x)),
            );
            continue;
        }
        if let Order::Policy(Policy::ChipBudget(x)) = &o.order
            && !(x.is_finite() && (0.0..=crate::sim::state::NO_CHIP_BUDGET).contains(x))
        {
            r.at(
                &[section, &[needle.as_str()]].concat(),
                format!(
                    "chip budget {}: expected $ a year from 0 to {:e}",
                    plain(*x),
                    crate::sim::state::NO_CHIP_BUDGET
                ),
            );
            continue;
        }
        if !(1..=MAX_LIST as u32).contains(&o.times) {
            r.at(
                &[section, &[needle.as_str(), "times"]].concat(),
                format!("times = {}: expected a count from 1 to {MAX_LIST}", o.times),
            );
            continue;
        }
        let tick = (d.to_days() - st.to_days()) as u64 * 24;
        for _ in 0..o.times {
            out.push((tick, o.order.clone()));
        }
    }
    out.sort_by_key(|(t, _)| *t);
    out
}

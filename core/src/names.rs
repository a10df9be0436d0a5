//! One way to give a fieldless enum its stable names: `names!` writes `ALL`, `as_str`,
//! `from_name` and `Display` from one table, so a name is written once (beside the variant) and
//! every surface spells it the same.

/// `names! { Type { Variant => "name", ... } }` for an enum declared beside it.
macro_rules! names {
    ($ty:ident { $( $variant:ident => $name:literal ),+ $(,)? }) => {
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: &'static [$ty] = &[ $( $ty::$variant ),+ ];

            /// The stable name (as serialised and shown).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { $( $ty::$variant => $name ),+ }
            }

            /// The value with this stable name.
            #[must_use]
            pub fn from_name(name: &str) -> Option<$ty> {
                match name { $( $name => Some($ty::$variant), )+ _ => None }
            }
        }

        impl core::fmt::Display for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use names;

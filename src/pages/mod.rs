//! One file per view; each is a route target in [`crate::App`].

pub mod article;
pub mod home;
pub mod listing;
pub mod not_found;

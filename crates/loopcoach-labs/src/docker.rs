//! docker labs (in progress).

use crate::common::{Built, LabInfo, Spec};
use crate::{LabError, LabFile};

pub(crate) const FAULTS: &[&str] = &[];

pub(crate) fn second_cause(_primary: &str, _rng: &mut rand_chacha::ChaCha20Rng) -> Option<&'static str> {
    None
}

pub(crate) fn build(_spec: &Spec) -> Result<Built, LabError> {
    Ok(Built::default())
}

pub(crate) fn diagnose(_files: &[LabFile], _info: &LabInfo) -> Result<Vec<String>, LabError> {
    Ok(Vec::new())
}

//! Scene 2: the trust list. The registry lists the five participants with their roles, 2 of its 3
//! root keys sign the list, and every key is written out; the demo's verifier trusts that list.

use hrid::keys::SigningKey;
use hrid::trust::{Participant, ParticipantKey, RootKeys, Scope, TrustAnchor, TrustList};
use hrid::verify::{Verifier, VerifyOptions};

use super::cast::{Actor, Cast};
use super::files::Files;
use super::{DAY, NOW, T0};
use crate::output::{self, dim, heading};
use crate::CliError;

/// Sign and write the trust list and the keys; show who is on the list; the verifier.
pub(super) fn publish(files: &mut Files, cast: &Cast) -> Result<Verifier, CliError> {
    let roots = &cast.roots;
    let list_envelope = trust_list(cast).sign(&[&roots[0], &roots[1]]).to_json();
    files.write("trust-list.dsse.json", &list_envelope)?;
    write_keys(files, cast)?;
    let anchor = TrustAnchor::new(roots.iter().map(SigningKey::verifying_key).collect(), 2)
        .map_err(|e| CliError(e.to_string()))?;
    let verified_list =
        TrustList::verify(&list_envelope, &anchor, 0, NOW, &VerifyOptions::default())
            .map_err(|e| CliError(format!("{e} [{}]", e.code())))?;
    let verifier = Verifier::new(verified_list, VerifyOptions::default());
    output::line("");
    output::line(&format!(
        "{}  version 1, signed by 2 of 3 registry root keys",
        heading("2. Trust list")
    ));
    for a in cast.actors() {
        output::line(&format!(
            "   {:<11} {:<34} {}",
            a.id,
            a.name,
            dim(&format!(
                "{}{}",
                a.role.as_str(),
                a.scope
                    .map(|m| format!(", manufacturer code {m}"))
                    .unwrap_or_default()
            ))
        ));
    }
    Ok(verifier)
}

/// Version 1, valid five years from T0: the root keys, every participant, the default permissions.
fn trust_list(cast: &Cast) -> TrustList {
    TrustList {
        version: 1,
        issued_at: T0,
        expires_at: T0 + 5 * 365 * DAY,
        roots: RootKeys {
            threshold: 2,
            keys: cast.roots.iter().map(SigningKey::verifying_key).collect(),
        },
        participants: cast.actors().into_iter().map(participant).collect(),
        permissions: TrustList::default_permissions(),
    }
}

fn participant(a: &Actor) -> Participant {
    Participant {
        id: a.id.to_owned(),
        name: a.name.to_owned(),
        roles: vec![a.role],
        scope: a.scope.map(|m| Scope {
            manufacturers: vec![m.to_owned()],
        }),
        keys: vec![ParticipantKey {
            public_key: a.key.verifying_key(),
            valid_from: T0,
            valid_until: T0 + 5 * 365 * DAY,
            compromised_since: None,
        }],
    }
}

/// The root public keys (to verify the list with) and the participants' private keys (to replay
/// their steps with the other commands).
fn write_keys(files: &mut Files, cast: &Cast) -> Result<(), CliError> {
    for (i, r) in cast.roots.iter().enumerate() {
        let pem = r
            .verifying_key()
            .to_public_key_pem()
            .map_err(|e| CliError(e.to_string()))?;
        files.write(&format!("keys/root-{}.pub.pem", i + 1), pem.as_bytes())?;
    }
    for a in cast.actors() {
        let pem = a.key.to_pkcs8_pem().map_err(|e| CliError(e.to_string()))?;
        files.write(&format!("keys/{}.pem", a.id), pem.as_bytes())?;
    }
    Ok(())
}

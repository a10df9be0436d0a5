//! Ed25519 keys: `SigningKey` and `VerifyingKey`.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};

use hrid::envelope::Envelope;
use hrid::keys::{KeyError, SigningKey, VerifyingKey};

use crate::convert::document_bytes;
use crate::errors::key_error;

/// An Ed25519 private key. `repr()` shows only its key ID.
///
/// Exported secrets (`to_pem`, `to_der`, `to_hex`) are Python objects that hrid cannot wipe.
#[pyclass(module = "hrid", name = "SigningKey", frozen)]
#[derive(Debug)]
pub struct PySigningKey(pub SigningKey);

#[pymethods]
impl PySigningKey {
    /// The key for a 32-byte seed (RFC 8032's private key).
    #[staticmethod]
    fn from_seed(py: Python<'_>, seed: &Bound<'_, PyAny>) -> PyResult<Self> {
        let bytes = document_bytes(seed)?;
        let seed: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
            key_error(
                py,
                &KeyError::WrongLength {
                    what: "private key seed",
                    expected: 32,
                    found: bytes.len(),
                },
            )
        })?;
        Ok(PySigningKey(SigningKey::from_seed(seed)))
    }

    /// A new key from the operating system's randomness (`os.urandom(32)` as the seed).
    #[staticmethod]
    fn generate(py: Python<'_>) -> PyResult<Self> {
        let seed = py.import("os")?.call_method1("urandom", (32,))?;
        Self::from_seed(py, &seed)
    }

    /// The key for a seed given as 64 hex digits.
    #[staticmethod]
    fn from_hex(py: Python<'_>, text: &str) -> PyResult<Self> {
        SigningKey::from_hex(text)
            .map(PySigningKey)
            .map_err(|e| key_error(py, &e))
    }

    /// Import a PKCS#8 PEM private key (`-----BEGIN PRIVATE KEY-----`).
    #[staticmethod]
    fn from_pem(py: Python<'_>, pem: &str) -> PyResult<Self> {
        SigningKey::from_pkcs8_pem(pem)
            .map(PySigningKey)
            .map_err(|e| key_error(py, &e))
    }

    /// Import a PKCS#8 DER private key.
    #[staticmethod]
    fn from_der(py: Python<'_>, der: &Bound<'_, PyAny>) -> PyResult<Self> {
        SigningKey::from_pkcs8_der(&document_bytes(der)?)
            .map(PySigningKey)
            .map_err(|e| key_error(py, &e))
    }

    /// PKCS#8 v2 PEM (private and public key), `\n` line endings.
    fn to_pem(&self, py: Python<'_>) -> PyResult<String> {
        self.0
            .to_pkcs8_pem()
            .map(|pem| pem.as_str().to_owned())
            .map_err(|e| key_error(py, &e))
    }

    /// PKCS#8 v2 DER.
    fn to_der<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        self.0
            .to_pkcs8_der()
            .map(|der| PyBytes::new(py, &der))
            .map_err(|e| key_error(py, &e))
    }

    /// The seed as 64 lowercase hex digits.
    fn to_hex(&self) -> String {
        self.0.to_hex().as_str().to_owned()
    }

    /// The matching public key.
    #[getter]
    fn verifying_key(&self) -> PyVerifyingKey {
        PyVerifyingKey(self.0.verifying_key())
    }

    /// The key ID of the public key: 16 characters of Crockford base32.
    #[getter]
    fn key_id(&self) -> &str {
        self.0.key_id().as_str()
    }

    /// Sign `message` (pure Ed25519, deterministic): 64 bytes.
    fn sign<'py>(
        &self,
        py: Python<'py>,
        message: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyBytes>> {
        let message = document_bytes(message)?;
        Ok(PyBytes::new(py, &self.0.sign(&message)))
    }

    fn __repr__(&self) -> String {
        format!("SigningKey(key_id='{}')", self.0.key_id())
    }
}

/// An Ed25519 public key that is not of small order. Immutable, hashable, comparable.
#[pyclass(module = "hrid", name = "VerifyingKey", frozen, eq, hash)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PyVerifyingKey(pub VerifyingKey);

#[pymethods]
impl PyVerifyingKey {
    /// Import the 32-byte encoding.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        VerifyingKey::from_bytes(&document_bytes(data)?)
            .map(PyVerifyingKey)
            .map_err(|e| key_error(py, &e))
    }

    /// Import 64 hex digits.
    #[staticmethod]
    fn from_hex(py: Python<'_>, text: &str) -> PyResult<Self> {
        VerifyingKey::from_hex(text)
            .map(PyVerifyingKey)
            .map_err(|e| key_error(py, &e))
    }

    /// Import a SubjectPublicKeyInfo PEM public key (`-----BEGIN PUBLIC KEY-----`).
    #[staticmethod]
    fn from_pem(py: Python<'_>, pem: &str) -> PyResult<Self> {
        VerifyingKey::from_public_key_pem(pem)
            .map(PyVerifyingKey)
            .map_err(|e| key_error(py, &e))
    }

    /// Import a SubjectPublicKeyInfo DER public key.
    #[staticmethod]
    fn from_der(py: Python<'_>, der: &Bound<'_, PyAny>) -> PyResult<Self> {
        VerifyingKey::from_public_key_der(&document_bytes(der)?)
            .map(PyVerifyingKey)
            .map_err(|e| key_error(py, &e))
    }

    /// The 32-byte encoding.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.0.to_bytes())
    }

    fn __bytes__<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        self.to_bytes(py)
    }

    /// 64 lowercase hex digits.
    fn to_hex(&self) -> String {
        self.0.to_hex()
    }

    /// SubjectPublicKeyInfo PEM, `\n` line endings.
    fn to_pem(&self, py: Python<'_>) -> PyResult<String> {
        self.0.to_public_key_pem().map_err(|e| key_error(py, &e))
    }

    /// SubjectPublicKeyInfo DER.
    fn to_der<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        self.0
            .to_public_key_der()
            .map(|der| PyBytes::new(py, &der))
            .map_err(|e| key_error(py, &e))
    }

    /// The key ID: 16 characters of Crockford base32.
    #[getter]
    fn key_id(&self) -> &str {
        self.0.key_id().as_str()
    }

    /// True when `signature` is a valid strict Ed25519 signature of `message` by this key (a
    /// verdict, not an exception: wrong lengths and forgeries alike give False). Releases the GIL.
    fn verify(
        &self,
        py: Python<'_>,
        message: &Bound<'_, PyAny>,
        signature: &Bound<'_, PyAny>,
    ) -> PyResult<bool> {
        let signature = document_bytes(signature)?;
        if let Ok(bytes) = message.cast::<PyBytes>() {
            let message: &[u8] = bytes.as_bytes();
            return Ok(py.detach(|| self.0.verify(message, &signature).is_ok()));
        }
        let message = document_bytes(message)?;
        Ok(py.detach(|| self.0.verify(&message, &signature).is_ok()))
    }

    fn __repr__(&self) -> String {
        format!(
            "VerifyingKey(key_id='{}', hex='{}')",
            self.0.key_id(),
            self.0.to_hex()
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let constructor = py.get_type::<Self>().getattr("from_hex")?;
        Ok((constructor, PyTuple::new(py, [slf.get().0.to_hex()])?))
    }
}

/// The keys of one `VerifyingKey` or a sequence of them.
pub fn verifying_keys(values: &Bound<'_, PyAny>) -> PyResult<Vec<VerifyingKey>> {
    if let Ok(key) = values.cast::<PyVerifyingKey>() {
        return Ok(vec![key.get().0.clone()]);
    }
    let mut out = Vec::new();
    for item in values.try_iter()? {
        let item = item?;
        let key = item.cast::<PyVerifyingKey>().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err("expected a sequence of hrid.VerifyingKey")
        })?;
        out.push(key.get().0.clone());
    }
    Ok(out)
}

/// The keys of one `SigningKey` or a sequence of them, kept as Python references.
#[derive(Debug)]
pub struct SigningKeys<'py>(Vec<Bound<'py, PySigningKey>>);

impl SigningKeys<'_> {
    /// The core's keys, to sign with.
    pub fn refs(&self) -> Vec<&SigningKey> {
        self.0.iter().map(|k| &k.get().0).collect()
    }
}

/// `sign` with the keys of one `SigningKey` or a sequence of them (`TrustList.sign`,
/// `sign_attestation`, `sign_recall`): the envelope's JSON bytes.
pub fn signed<'py>(
    keys: &Bound<'py, PyAny>,
    sign: impl FnOnce(&[&SigningKey]) -> Envelope,
) -> PyResult<Bound<'py, PyBytes>> {
    let py = keys.py();
    let keys = signing_keys(keys)?;
    Ok(PyBytes::new(py, &sign(&keys.refs()).to_json()))
}

/// The keys of one `SigningKey` or a sequence of them.
pub fn signing_keys<'py>(values: &Bound<'py, PyAny>) -> PyResult<SigningKeys<'py>> {
    if let Ok(key) = values.cast::<PySigningKey>() {
        return Ok(SigningKeys(vec![key.clone()]));
    }
    let mut out = Vec::new();
    for item in values.try_iter()? {
        let item = item?;
        let key = item.cast_into::<PySigningKey>().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err("expected a sequence of hrid.SigningKey")
        })?;
        out.push(key);
    }
    Ok(SigningKeys(out))
}

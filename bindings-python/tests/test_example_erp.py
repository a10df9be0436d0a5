"""The ERP example runs end to end on its sample data (examples/erp-python)."""

import csv
import importlib.util

from conftest import REPO

EXAMPLE = REPO / "examples" / "erp-python"


def test_erp_example_on_its_sample_data(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("erp_verify", EXAMPLE / "erp_verify.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "results.csv"
    assert module.main(["--out", str(out)]) == 0
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["attestation_status"] for r in rows] == [
        "accepted",
        "not checked",
        "accepted",
        "rejected",
        "indeterminate",
        "no attestations",
        "not checked",
    ]
    assert rows[1]["code_error"] == "code.check_failed"
    assert rows[1]["suggestions"] == "86-0042-A3W0F5-0000000001002-7JPE"
    assert rows[3]["reason_codes"] == "signature.invalid"
    assert rows[4]["reason_codes"] == "signer.unknown"
    assert rows[6]["code_error"] == "code.wrong_length"
    assert all(r["market_access"] == "" for r in rows)
    assert "did you mean 86-0042-A3W0F5-0000000001002-7JPE?" in capsys.readouterr().out

"""Encoding detection of client exports."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from evalkit.data.encoding import detect_encoding, verify_encoding
from evalkit.errors import DataError


def test_gbk_file_is_detected_as_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "工单.csv"
    path.write_bytes("工单编号,类别\nT1,投诉\n".encode("gbk"))
    assert detect_encoding(path).encoding == "gb18030"


def test_utf8_with_bom_is_utf8_sig(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("工单编号\nT1\n".encode("utf-8-sig"))
    found = detect_encoding(path)
    assert (found.encoding, found.is_utf8) == ("utf-8-sig", True)


def test_undecodable_file_names_file_and_first_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    good = b"ticket_id\nT1\n"
    path.write_bytes(good + b"\xff\xfe\xff")
    with pytest.raises(DataError) as caught:
        detect_encoding(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"byte 0xff at offset {len(good)}" in message


def test_given_encoding_that_does_not_fit_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("类别\n投诉\n".encode("gbk"))
    with pytest.raises(DataError, match=r"not utf-8 \(byte 0x\w\w at offset 0\)"):
        detect_encoding(path, "utf-8")


def test_encoding_is_chosen_from_the_sample_after_an_ascii_start(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    ascii_start = b"ticket_id,category\n" + b"T1,x\n" * 40  # 219 bytes: no evidence yet
    path.write_bytes(ascii_start + "T2,投诉\n".encode("gbk") + b"T3,y\n" * 40)
    found = detect_encoding(path, sample=16)
    assert found.encoding == "gb18030"
    assert found.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_bad_byte_after_the_sample_is_found_by_verify(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    good = "类别\n投诉\n".encode() * 10
    path.write_bytes(good + b"\xff\n")
    found = detect_encoding(path, sample=32)
    assert (found.encoding, found.verified) == ("utf-8", False)
    with pytest.raises(DataError, match=rf"not utf-8 \(byte 0xff at offset {len(good)}\)"):
        verify_encoding(path, "utf-8")


def test_a_whole_small_file_is_verified(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("类别\n投诉\n".encode())
    assert detect_encoding(path).verified

"""The Makefile's llama.cpp build flags follow the CPU: AVX2 where it has it, no vector extensions where not.

A build for features the CPU lacks dies of SIGILL on its first request (the demo and the local-provider tests
with it), so a CPU without AVX2 must not get the AVX2 build. `make -n` only prints the commands it would run.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make"),
              pytest.mark.skipif(platform.machine() != "x86_64", reason="the flags are chosen on x86-64 only")]


def _cmake_args(cpuinfo: Path) -> str:
    out = subprocess.run(["make", "-n", "local", f"CPUINFO={cpuinfo}"], cwd=ROOT, capture_output=True, text=True,
                         timeout=60, check=True).stdout
    line = next(x for x in out.splitlines() if "CMAKE_ARGS=" in x)
    return line.split('CMAKE_ARGS="', 1)[1].split('"', 1)[0]


def test_a_cpu_with_avx2_gets_the_portable_avx2_build(tmp_path):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu sse sse2 avx avx2 fma f16c\n")
    args = _cmake_args(cpuinfo)
    assert "-DGGML_NATIVE=OFF" in args and "-DGGML_AVX2=ON" in args


def test_a_cpu_without_avx2_gets_a_build_with_no_vector_extensions(tmp_path):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nflags\t\t: fpu sse sse2 ssse3 sse4_1 sse4_2\n")
    args = _cmake_args(cpuinfo)
    assert "-DGGML_NATIVE=OFF" in args
    assert "-DGGML_AVX2=OFF" in args and "-DGGML_AVX=OFF" in args and "=ON" not in args

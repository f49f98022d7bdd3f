# Khareeta — two commands on a fresh Debian/Ubuntu machine:
#   make run    install what is missing, build, open the app on the sample project
#   make test   install what is missing, run every test (unit, fuzz smoke, OCR, end-to-end under Xvfb)

SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(HOME)/go/bin:$(PATH)
export CGO_ENABLED := 1

BIN     := bin/khareeta
VERSION := $(shell awk -F'"' '/^ *Version *=/ {print $$2; exit}' FyneApp.toml 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

# Debian packages: cgo + Fyne (GLFW/X11/Wayland), a virtual display for the
# end-to-end test, OCR and image tools that check what we draw, Graphviz and
# poppler to compare and inspect output, and sqlite3 to read project files.
APT_PACKAGES := gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev wayland-protocols \
	xvfb xauth libgl1-mesa-dri x11-utils tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng imagemagick \
	graphviz poppler-utils sqlite3 fonts-noto-core openbox xdotool x11-xkb-utils

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build run test test-short bench fuzz package clean

all: build

deps: ## install missing system packages (apt) and Go modules
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@command -v go >/dev/null || { echo "Go 1.26 or newer is required (https://go.dev/dl), install it to /usr/local/go"; exit 1; }
	@go mod download

build: deps
	go build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/khareeta

run: build
	./$(BIN)

test: build
	go vet ./...
	go test -count=1 -timeout 40m ./...
	$(MAKE) --no-print-directory fuzz
	KHAREETA_E2E=1 KHAREETA_BIN=$(CURDIR)/$(BIN) go test -count=1 -timeout 60m -run E2E -v ./cmd/khareeta/

# Each fuzz target for a bounded number of runs (they also run as plain tests on their seed corpus).
# A count, not a duration: a duration races Go's fuzz coordinator (golang/go#75804, fixed in Go 1.27)
# and fails with "context deadline exceeded" on a loaded machine.
FUZZTIME ?= 20000x
fuzz:
	@grep -rl --include='*_test.go' '^func Fuzz' internal | xargs -n1 dirname | sort -u | while read -r dir; do \
		for f in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go | cut -d' ' -f2); do \
			echo "fuzz ./$$dir $$f ($(FUZZTIME))"; \
			go test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s ./$$dir || exit 1; \
		done; \
	done

bench:
	go test -run '^$$' -bench . -benchmem ./internal/...

# A Linux desktop package (Khareeta.tar.xz: binary, .desktop entry, icon,
# install Makefile) with the fyne tool from the Go module proxy, pinned.
package: build
	go run fyne.io/tools/cmd/fyne@v1.7.4 package --os linux --executable $(BIN) --release

clean:
	rm -rf bin dist

#!/usr/bin/env bash
# Installs the peers of the cross-check suite on Debian 12 (as root, or through sudo):
# Brian2 (python3-brian), PyNN (python3-pynn), NEURON with MPI (python3-neuron, neuron-dev,
# openmpi-bin) and g++, then compiles PyNN's NMODL mechanisms for pyNN.neuron.
# Debian's nrnivmodl has two packaging faults: it looks for /usr/bin/nrnmech_makefile (the file
# is /usr/lib/nrn/nrnmech_makefile) and links -lnrniv without /usr/lib/nrn on the library path.
# We run a copy with the makefile path fixed and LIBRARY_PATH set; it builds
# x86_64/libnrnmech.so, which is all PyNN loads (the final `special` link fails and is not needed).
set -euo pipefail
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
PACKAGES="python3-brian python3-pynn python3-neuron neuron-dev openmpi-bin g++"
if ! /usr/bin/python3 -c 'import brian2, pyNN, neuron' >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null
fi
NMODL_DIR=$(/usr/bin/python3 -c 'import os, pyNN.neuron as p; print(os.path.join(os.path.dirname(p.__file__), "nmodl"))' 2>/dev/null ||
  echo /usr/lib/python3/dist-packages/pyNN/neuron/nmodl)
if [ ! -f "$NMODL_DIR/x86_64/.libs/libnrnmech.so" ] && [ ! -f "$NMODL_DIR/x86_64/libnrnmech.so" ]; then
  FIXED=$(mktemp /tmp/nrnivmodl-fixed.XXXXXX)
  sed 's#"${bindir}/nrnmech_makefile"#"/usr/lib/nrn/nrnmech_makefile"#' /usr/bin/nrnivmodl >"$FIXED"
  chmod +x "$FIXED"
  (cd "$NMODL_DIR" && $SUDO env LIBRARY_PATH=/usr/lib/nrn "$FIXED" >/tmp/nrnivmodl.log 2>&1 || true)
  rm -f "$FIXED"
  if [ ! -f "$NMODL_DIR/x86_64/.libs/libnrnmech.so" ] && [ ! -f "$NMODL_DIR/x86_64/libnrnmech.so" ]; then
    echo "could not compile PyNN's NMODL mechanisms (see /tmp/nrnivmodl.log)" >&2
    exit 1
  fi
fi
echo "peers installed: Brian2, PyNN, NEURON (+ MPI)"

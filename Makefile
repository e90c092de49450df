# The two commands of the README:
#   make demo   sets everything up and runs the main job on this repository (no API key needed)
#   make test   sets everything up and runs every test (what .ci/run calls)
# Each capability adds its own steps as numbered files in scripts/{setup,test,demo}.d/.

.PHONY: demo test setup

demo: setup
	bash scripts/demo.sh

test: setup
	bash scripts/test.sh

setup:
	bash scripts/setup.sh

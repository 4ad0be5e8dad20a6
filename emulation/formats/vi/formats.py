# See emulation/formats/__init__.py: day first in every language, ISO still read.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

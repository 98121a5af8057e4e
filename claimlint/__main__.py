"""python -m claimlint"""

from claimlint.cli import main

main()

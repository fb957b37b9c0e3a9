"""Course tooling: manifest, stub builder, check definitions, runners and graders.

Kept import-light on purpose: the check core is shipped inside autograder zips and
student releases, where only numpy and torch can be assumed.
"""

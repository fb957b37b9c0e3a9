"""The instructor's tools: build, regions, Otter tests, zips, Gradescope, examples, mutants,
validation and scaffolding. Never shipped to students, children or autograders."""

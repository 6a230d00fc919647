"""newsetl's generic spiders: each reads sources.yaml and crawls one kind of entry point."""

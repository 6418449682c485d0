from ocr_fix.cli import run

# guarded: a Dask LocalCluster (--scheduler local) starts its workers by spawning, which imports the
# main module again in each, and `python -m ocr_fix` must not run the command there too
if __name__ == "__main__":
    run()

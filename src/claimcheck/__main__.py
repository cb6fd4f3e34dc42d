from claimcheck.cli import main

main(prog_name="claimcheck")

from kongchuo_cli.cli import main

main()

from proctoring_assets import main

main()

from common.storage import save


def main():
    save("loaded/today.json", b"{}")


if __name__ == "__main__":
    main()

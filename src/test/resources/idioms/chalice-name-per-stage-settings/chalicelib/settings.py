import os


class Settings:
    STAGE = os.environ.get("STAGE", "dev")
    TABLE = os.environ.get("TABLE", "scores")


settings = Settings()

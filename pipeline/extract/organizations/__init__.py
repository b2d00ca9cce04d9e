"""extract/organizations"""
